# Popular searches: the moderated list and the bounded query log (search.popular).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('site_search', '0005_searchentry_page_id_text_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='PopularSearch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(max_length=100, verbose_name='搜索词')),
                ('language', models.CharField(choices=[('zh-hans', '中文'), ('en', '英文')], default='zh-hans', max_length=8, verbose_name='语言')),
                ('status', models.CharField(choices=[('candidate', '待审核'), ('approved', '已批准'), ('hidden', '已隐藏'), ('banned', '已禁止')], default='candidate', help_text='已批准的词显示在该语言搜索页的“大家都在搜”和搜索框提示中；已禁止的词不再显示，也不再成为候选。', max_length=16, verbose_name='状态')),
                ('clients', models.PositiveIntegerField(default=0, editable=False, verbose_name='不同访客')),
                ('results', models.PositiveIntegerField(default=0, editable=False, verbose_name='结果数')),
                ('last_seen', models.DateField(blank=True, editable=False, null=True, verbose_name='最近搜索')),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': '热门搜索',
                'verbose_name_plural': '热门搜索',
                'indexes': [models.Index(fields=['language', 'status'], name='site_search_languag_fe64a7_idx')],
                'constraints': [models.UniqueConstraint(fields=('term', 'language'), name='site_search_popular_term_language')],
            },
        ),
        migrations.CreateModel(
            name='SearchTermClient',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(max_length=100)),
                ('language', models.CharField(choices=[('zh-hans', '中文'), ('en', '英文')], max_length=8)),
                ('date', models.DateField(db_index=True)),
                ('client', models.CharField(max_length=16)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('term', 'language', 'date', 'client'), name='site_search_term_client_unique')],
            },
        ),
        migrations.CreateModel(
            name='SearchTermDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.CharField(max_length=100)),
                ('language', models.CharField(choices=[('zh-hans', '中文'), ('en', '英文')], max_length=8)),
                ('date', models.DateField(db_index=True)),
                ('clients', models.PositiveIntegerField(default=0)),
                ('results', models.PositiveIntegerField(default=0)),
            ],
            options={
                'verbose_name': '搜索词日统计',
                'verbose_name_plural': '搜索词日统计',
                'constraints': [models.UniqueConstraint(fields=('term', 'language', 'date'), name='site_search_term_day_unique')],
            },
        ),
    ]
